/**
 * The small kernel of value types every module may use: typed identifiers and the like.
 * Nothing here knows about storage, the web or wire formats.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.northstar.shared;
