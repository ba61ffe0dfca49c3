import { type RefObject, useEffect, useState } from 'react';

/** True while the element is on screen or near it (a browser without IntersectionObserver: always). */
export function useInView(ref: RefObject<Element | null>, enabled: boolean, rootMargin = '100px'): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element) return;
    if (typeof IntersectionObserver !== 'function') {
      setInView(true);
      return;
    }
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? false), {
      rootMargin,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, enabled, rootMargin]);
  return enabled && inView;
}
