/**
 * Where Northstar keeps its data: an embedded PostgreSQL in the data directory by
 * default, or an external PostgreSQL 14+ when {@code NORTHSTAR_DB_URL} is set. Owns the
 * data directory lock that keeps two processes from opening the same database.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.northstar.database;
