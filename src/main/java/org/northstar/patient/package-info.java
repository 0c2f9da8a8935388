/**
 * People: demographics, identifiers from every source, language and contact. Later,
 * record linkage across sources. Other modules refer to a patient by
 * {@link org.northstar.shared.PatientId}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Patient")
package org.northstar.patient;
