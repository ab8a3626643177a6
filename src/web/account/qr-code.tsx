import { Image, Skeleton } from '@mantine/core';
import { useEffect, useState } from 'react';

/** Draws a QR code of `value`; the qrcode library is loaded only when a QR code is first shown. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const [drawn, setDrawn] = useState<{ value: string; src: string | null } | null>(null);

  useEffect(() => {
    let cancelled = false;
    import('qrcode')
      .then(({ toDataURL }) => toDataURL(value, { margin: 1, width: size, errorCorrectionLevel: 'M' }))
      .then((src) => {
        if (!cancelled) setDrawn({ value, src });
      })
      .catch(() => {
        // The text form of the secret is on screen too, so a failed drawing loses nothing.
        if (!cancelled) setDrawn({ value, src: null });
      });
    return () => {
      cancelled = true;
    };
  }, [value, size]);

  if (!drawn || drawn.value !== value) return <Skeleton width={size} height={size} />;
  if (!drawn.src) return null;
  return <Image src={drawn.src} alt={label} w={size} h={size} fit="contain" />;
}
