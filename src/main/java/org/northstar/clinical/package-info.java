/**
 * The clinical record as sources sent it: every resource kept exactly as received, with
 * its source and time, next to normalised rows (encounters, conditions, observations,
 * medication requests, procedures, allergies, immunizations) that features query.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clinical record")
package org.northstar.clinical;
