/** The vendors Switchboard fronts, in the order the API lists them. */
export const VENDOR_IDS = ['rinkel', 'dialpad', 'imichat', 'commpeak'] as const;

export type VendorId = (typeof VENDOR_IDS)[number];
