/**
 * Readmission risk, exactly as published: LACE (van Walraven et al., CMAJ 2010) and
 * HOSPITAL (Donzé et al., JAMA Intern Med 2013) for each inpatient stay of a person, with
 * the Charlson comorbidity index (Quan et al. 2005's ICD-10 coding algorithm, and a
 * mapping of SNOMED CT concepts) for LACE's C. Each score carries its components and the
 * facts behind each, says which inputs were missing rather than guessing them, and is
 * kept with its history. Scores are recomputed by reactions after an import, a
 * {@code POST /fhir} or a feed message commits. The definitions, mappings and their
 * sources are in {@code docs/risk.md}; the mappings are data, in
 * {@code src/main/resources/risk}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Risk")
package org.northstar.risk;
