/**
 * What the care team did and what the person agreed to: documented interactions (calls,
 * visits, messages, with their minutes and notes) and consents to care-management
 * programs. Both are append-only: a signed note is corrected by an addendum, a consent
 * ended by a dated revocation. Billing counts minutes only from what is documented here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Documentation")
package org.northstar.documentation;
