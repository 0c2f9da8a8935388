package org.northstar.web;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.northstar.audit.AuditAction;
import org.northstar.notification.Notification;
import org.northstar.notification.Notifications;
import org.northstar.security.UserAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The user's notifications: ED visits and admissions of their patients. */
@Controller
class NotificationsController {

	private static final int PAGE_ROWS = 100;

	private final Notifications notifications;

	private final CurrentUser currentUser;

	NotificationsController(Notifications notifications, CurrentUser currentUser) {
		this.notifications = notifications;
		this.currentUser = currentUser;
	}

	@GetMapping("/notifications")
	String list(Model model, HttpServletRequest request) {
		UserAccount user = this.currentUser.get();
		List<Notification> recent = this.notifications.recentFor(user.username(), PAGE_ROWS);
		this.currentUser.audit(user, AuditAction.SEARCH, null, "notifications: " + recent.size(), request);
		model.addAttribute("notifications", recent);
		return "notifications/list";
	}

	@PostMapping("/notifications/read")
	String markAllRead() {
		this.notifications.markAllRead(this.currentUser.get().username());
		return "redirect:/notifications";
	}

	/** The unread count every page's header shows. */
	@ControllerAdvice(basePackageClasses = NotificationsController.class)
	static class UnreadCount {

		private final Notifications notifications;

		UnreadCount(Notifications notifications) {
			this.notifications = notifications;
		}

		@ModelAttribute("unreadNotifications")
		Integer unreadNotifications(Principal principal) {
			return principal == null ? null : this.notifications.unreadCount(principal.getName());
		}

	}

}
