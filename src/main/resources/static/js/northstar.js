/*
 * Northstar's only script, served from the application so that the Content-Security-Policy
 * can refuse every inline script (script-src 'self').
 *
 * 1. The session: the header carries the idle timeout (data-session-seconds). A minute before
 *    the session would end, a warning offers to stay signed in, which asks the server
 *    (/session/keep-alive) and so restarts the server's idle clock. Every page load and htmx
 *    request restarts the page's clock. When the time is up the page is opened again, the server
 *    sends it to the sign-in page, which brings the user back here afterwards.
 * 2. Drafts: what is typed into a form that posts is kept in this tab's sessionStorage until
 *    the form is sent, and put back when the page is shown again (after signing in again, say).
 *    Passwords never; forms marked data-no-draft never. Signing out forgets every draft.
 */
(function () {
  'use strict';

  var DRAFT = 'northstar.draft:';

  function draftableFields(form) {
    if (form.hasAttribute('data-no-draft') || (form.getAttribute('method') || 'get').toLowerCase() !== 'post') {
      return [];
    }
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.name === '_csrf') {
        return false;
      }
      if (field.tagName === 'TEXTAREA') {
        return true;
      }
      if (field.tagName !== 'INPUT') {
        return false;
      }
      var type = (field.getAttribute('type') || 'text').toLowerCase();
      return ['text', 'search', 'email', 'tel', 'date', 'number', 'radio'].indexOf(type) >= 0;
    });
  }

  function draftKey(form, field) {
    var forms = Array.prototype.indexOf.call(document.forms, form);
    return DRAFT + location.pathname + ':' + (form.id || forms) + ':' + field.name
        + (field.type === 'radio' ? '' : ':' + (field.id || ''));
  }

  function keepDrafts() {
    Array.prototype.forEach.call(document.forms, function (form) {
      draftableFields(form).forEach(function (field) {
        var saved = sessionStorage.getItem(draftKey(form, field));
        if (saved !== null) {
          if (field.type === 'radio') {
            field.checked = field.value === saved;
          }
          else if (!field.value) {
            field.value = saved;
          }
        }
      });
      form.addEventListener('input', function (event) {
        var field = event.target;
        if (draftableFields(form).indexOf(field) < 0) {
          return;
        }
        sessionStorage.setItem(draftKey(form, field), field.value);
      });
      form.addEventListener('submit', function () {
        draftableFields(form).forEach(function (field) {
          sessionStorage.removeItem(draftKey(form, field));
        });
        if (form.action && /\/logout$/.test(form.action)) {
          forgetAllDrafts();
        }
      });
    });
  }

  function forgetAllDrafts() {
    for (var i = sessionStorage.length - 1; i >= 0; i--) {
      var key = sessionStorage.key(i);
      if (key && key.indexOf(DRAFT) === 0) {
        sessionStorage.removeItem(key);
      }
    }
  }

  // A GET of this page, never a form posted again.
  function openAgain() {
    location.assign(location.pathname + location.search);
  }

  function watchSession() {
    var header = document.querySelector('[data-session-seconds]');
    var warning = document.getElementById('session-warning');
    if (!header || !warning) {
      return;
    }
    var seconds = Number(header.getAttribute('data-session-seconds'));
    if (!(seconds > 0)) {
      return;
    }
    // A minute before, or half-way through a session shorter than two minutes.
    var warnAfter = Math.max(seconds - 60, seconds / 2) * 1000;
    var warnTimer;
    var endTimer;

    function restart() {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warning.hidden = true;
      warnTimer = setTimeout(function () {
        warning.hidden = false;
        var stay = warning.querySelector('button.stay');
        if (stay) {
          stay.focus();
        }
      }, warnAfter);
      // A moment after the server's clock, so that the reload finds the session ended.
      endTimer = setTimeout(openAgain, seconds * 1000 + 1500);
    }

    warning.querySelector('button.stay').addEventListener('click', function () {
      fetch(header.getAttribute('data-keep-alive'), { credentials: 'same-origin', redirect: 'manual' })
        .then(function (response) {
          if (response.status === 204) {
            restart();
          }
          else {
            openAgain();
          }
        }, openAgain);
    });
    document.body.addEventListener('htmx:afterRequest', restart);
    restart();
  }

  // 3. Printing: a button marked data-print prints the page (the CSP forbids onclick).
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('[data-print]')) {
      window.print();
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    keepDrafts();
    watchSession();
  });
}());
