import type { ImichatDetails } from '../../connectors/imichat/mapping.js';
import { IMICHAT_ROLE_TYPES } from '../../connectors/imichat/wire.js';
import { builder } from '../builder.js';
import { vendorEnum } from '../enums.js';

/** `ImichatUserDetails`: what IMIchat (Webex Engage) returns that has no canonical field (seed 004). */

export const ImichatRoleTypeEnum = vendorEnum(
  'ImichatRoleType',
  "An agent's role in IMIchat; `Administrative` is what makes the canonical `isAdmin` true.",
  IMICHAT_ROLE_TYPES,
  (value) => (value === 'Administrative' ? 'Administers the tenant (`Administrative`).' : 'Handles customer chats (`Customer Care`).'),
);

export const ImichatUserDetails = builder.objectRef<ImichatDetails>('ImichatUserDetails').implement({
  description: 'IMIchat-only fields of a user. A field is null when IMIchat sent no readable value for it (vendor drift, counted in `switchboard_vendor_drift_total`).',
  fields: (t) => ({
    loggedIn: t.exposeBoolean('loggedIn', { nullable: true, description: 'Whether the agent is signed in to the IMIchat console now.' }),
    loginUsingEmail: t.exposeBoolean('loginUsingEmail', { nullable: true, description: 'Whether the agent signs in with the email address instead of the login id (`username`).' }),
    roleType: t.expose('roleType', { nullable: true, type: ImichatRoleTypeEnum, description: "The agent's role (read-only in IMIchat)." }),
    skillAttributes: t.expose('skillAttributes', { nullable: true, type: 'JSONObject', description: 'Skills used to route chats, skill name to level.' }),
    customAttributes: t.expose('customAttributes', { nullable: true, type: 'JSONObject', description: "The tenant's own attributes, such as `business` and `location`." }),
    activeChats: t.exposeInt('activeChats', { nullable: true, description: 'Chats the agent is handling right now.' }),
  }),
});
