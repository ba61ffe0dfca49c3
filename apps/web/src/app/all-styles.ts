// All of Mantine's styles, in its `mantine` cascade layer: loaded by `loadAllStyles` (styles.ts), not
// with the first screen, which has its own few (first-screen.css).
import '@mantine/core/styles.layer.css';
