/**
 * Care-management billing as CMS defines it: per person and calendar month in the
 * practice's zone, which CCM, PCM and TCM codes the documented minutes, the consents and
 * the person's chronic conditions support, what falls short and why. Rules and sources
 * are in {@code docs/billing.md}; the rules themselves are pure ({@code BillingRules}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.northstar.billing;
