/**
 * Where Northstar keeps its data: an embedded PostgreSQL in the data directory by
 * default, or an external PostgreSQL 14+ when {@code NORTHSTAR_DB_URL} is set. Owns the
 * data directory lock that keeps two processes from opening the same database. Runs the
 * embedded server durably (fsync, synchronous commit and full-page writes on) and, at
 * start-up, checks whichever server it uses:
 * {@link org.northstar.database.DatabaseDurability}. The embedded server asks every
 * connection for a password, and Northstar connects to it as a role that is not a
 * superuser. Records whether a database is a demo or holds real patients:
 * {@link org.northstar.database.DatabaseKind}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.northstar.database;
