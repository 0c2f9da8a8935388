/**
 * Where Northstar keeps its data: an embedded PostgreSQL in the data directory by
 * default, or an external PostgreSQL 14+ when {@code NORTHSTAR_DB_URL} is set. Owns the
 * data directory lock that keeps two processes from opening the same database. Runs the
 * embedded server durably (fsync, synchronous commit and full-page writes on) and, at
 * start-up, checks whichever server it uses:
 * {@link org.northstar.database.DatabaseDurability}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.northstar.database;
