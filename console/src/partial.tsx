const NAMES: Record<string, string> = { RINKEL: 'Rinkel', DIALPAD: 'Dialpad', IMICHAT: 'IMIchat', COMMPEAK: 'CommPeak' };

/** A partial result: what is shown came from the other vendors; the failing ones are named. */
export function PartialBanner({ vendors, what }: { vendors: string[]; what: string }) {
  if (vendors.length === 0) return null;
  const names = vendors.map((vendor) => NAMES[vendor] ?? vendor).join(', ');
  return (
    <p class="banner" role="alert">
      <strong>{names} {vendors.length === 1 ? 'is' : 'are'} not answering.</strong> Its {what} are missing below; the other vendors' {what} are shown.
    </p>
  );
}
