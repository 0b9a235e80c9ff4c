import type { VendorId } from '../../connectors/types.js';
import { builder } from '../builder.js';
import { CommpeakUserDetails } from './commpeak.js';
import { DialpadUserDetails } from './dialpad.js';
import { ImichatUserDetails } from './imichat.js';
import { RinkelUserDetails } from './rinkel.js';

const DETAILS_TYPE_NAMES: Record<VendorId, string> = {
  rinkel: 'RinkelUserDetails',
  dialpad: 'DialpadUserDetails',
  imichat: 'ImichatUserDetails',
  commpeak: 'CommpeakUserDetails',
};

export const VendorUserDetails = builder.unionType('VendorUserDetails', {
  description: 'Fields only one vendor has, typed per vendor.',
  types: [RinkelUserDetails, DialpadUserDetails, ImichatUserDetails, CommpeakUserDetails],
  resolveType: (details) => DETAILS_TYPE_NAMES[details.vendor],
});
