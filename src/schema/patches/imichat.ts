import { builder } from '../builder.js';

/**
 * `ImichatUserPatch`: IMIchat-only fields a write can set (seed 004 "Update user"). Attribute maps merge
 * into the stored ones key by key, so one attribute changes without restating the others.
 */

export const ImichatUserPatch = builder.inputType('ImichatUserPatch', {
  description: 'IMIchat-only fields to change; only for IMIchat accounts.',
  fields: (t) => ({
    customAttributes: t.field({
      type: 'JSONObject',
      description:
        "The tenant's own attributes to set, merged key by key into the stored ones; a key set to null is removed. IMIchat checks `business` and `location` against the tenant's lists.",
    }),
    skillAttributes: t.field({
      type: 'JSONObject',
      description: 'Routing skills to set (skill name to level), merged key by key into the stored ones; a key set to null is removed.',
    }),
    loginUsingEmail: t.boolean({ description: 'Whether the agent signs in with the email address instead of the login id (`username`).' }),
  }),
});
