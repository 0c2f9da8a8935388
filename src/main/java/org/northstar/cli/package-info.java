/**
 * The {@code northstar} command line: {@code serve}, {@code import}, {@code generate} and
 * {@code token}. An edge: it starts the application the way each command needs and calls
 * module APIs; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package org.northstar.cli;
