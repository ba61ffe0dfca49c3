import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code drawn here, in the browser (the secret never leaves the page for a QR service). */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(value);
    qr.make();
    const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }, [value]);
  return (
    <img
      src={src}
      alt={label}
      width={size}
      height={size}
      style={{ background: '#fff', borderRadius: 8, imageRendering: 'pixelated', maxWidth: '100%' }}
    />
  );
}
