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
 *    (The patient page's interaction panel keeps its draft on the server instead.)
 * 3. The interaction timer ([data-timer], the patient page's panel): Start, Pause, Resume; while
 *    it runs, every whole minute counted is added to the minutes field it names, which is then
 *    "changed" (so the draft is saved). Only whole minutes: a minute not yet spent is never
 *    claimed. It keeps counting when htmx replaces the panel (a refused sign, an addendum) and
 *    when the page is loaded again in this tab, and starts again from nothing once the
 *    interaction is signed (data-timer-fresh).
 * 4. Quick-text (button.quick-text): inserts its words where the cursor is in the note (a
 *    template fills an empty note); only the current program's are shown.
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

  var timers = {};
  var ticking = null;

  // Kept in this tab's sessionStorage too, under the drafts' prefix (signing out forgets
  // it), so that a reload in the middle of a call keeps counting.
  function timerKey(box) {
    return DRAFT + 'timer:' + box.getAttribute('data-timer-key');
  }

  function keepTimer(box, timer) {
    sessionStorage.setItem(timerKey(box), JSON.stringify(timer));
  }

  function timerOf(box) {
    var key = box.getAttribute('data-timer-key');
    if (box.getAttribute('data-timer-fresh') === 'true') {
      delete timers[key];
      sessionStorage.removeItem(timerKey(box));
      box.setAttribute('data-timer-fresh', 'false');
    }
    if (!timers[key]) {
      var kept = null;
      try {
        kept = JSON.parse(sessionStorage.getItem(timerKey(box)));
      }
      catch (e) {
        kept = null;
      }
      timers[key] = kept && typeof kept.elapsed === 'number' ? kept : { elapsed: 0, since: null, base: 0 };
    }
    return timers[key];
  }

  function elapsed(timer) {
    return timer.elapsed + (timer.since === null ? 0 : Date.now() - timer.since);
  }

  function wholeMinutes(timer) {
    return Math.floor(elapsed(timer) / 60000);
  }

  function showTimer(box) {
    var timer = timerOf(box);
    var seconds = Math.floor(elapsed(timer) / 1000);
    var running = timer.since !== null;
    box.querySelector('.timer-clock').textContent = Math.floor(seconds / 60) + ':' + ('0' + seconds % 60).slice(-2);
    box.classList.toggle('running', running);
    box.querySelector('.timer-start').hidden = running;
    box.querySelector('.timer-start').textContent = timer.elapsed > 0 ? 'Resume timer' : 'Start timer';
    box.querySelector('.timer-pause').hidden = !running;
    var field = document.getElementById(box.getAttribute('data-timer'));
    if (running && field) {
      var minutes = String(timer.base + wholeMinutes(timer));
      if (field.value !== minutes) {
        field.value = minutes;
        field.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  }

  function tick() {
    var any = false;
    Array.prototype.forEach.call(document.querySelectorAll('[data-timer]'), function (box) {
      showTimer(box);
      any = any || timerOf(box).since !== null;
    });
    if (!any) {
      clearInterval(ticking);
      ticking = null;
    }
  }

  function startTimer(box) {
    var timer = timerOf(box);
    var field = document.getElementById(box.getAttribute('data-timer'));
    // What was typed before stays: the timer adds to it.
    timer.base = (parseInt(field && field.value, 10) || 0) - wholeMinutes(timer);
    timer.since = Date.now();
    keepTimer(box, timer);
    if (ticking === null) {
      ticking = setInterval(tick, 1000);
    }
    showTimer(box);
  }

  function pauseTimer(box) {
    var timer = timerOf(box);
    timer.elapsed = elapsed(timer);
    timer.since = null;
    keepTimer(box, timer);
    showTimer(box);
  }

  function insertQuickText(button) {
    var note = document.getElementById('log-note');
    if (!note) {
      return;
    }
    var words = button.getAttribute('data-body');
    if (button.getAttribute('data-kind') === 'TEMPLATE' && note.value.trim() === '') {
      note.value = words;
    }
    else {
      var start = note.selectionStart;
      var end = note.selectionEnd;
      note.value = note.value.slice(0, start) + words + note.value.slice(end);
      note.selectionStart = note.selectionEnd = start + words.length;
    }
    note.focus();
    note.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function showProgramsQuickText(root) {
    var activity = document.getElementById('log-activity');
    Array.prototype.forEach.call(root.querySelectorAll('button.quick-text'), function (button) {
      button.hidden = activity !== null && button.getAttribute('data-program') !== activity.value;
    });
  }

  function watchInteractionPanel() {
    document.addEventListener('click', function (event) {
      var target = event.target;
      var box = target.closest && target.closest('[data-timer]');
      if (box && target.classList.contains('timer-start')) {
        startTimer(box);
      }
      else if (box && target.classList.contains('timer-pause')) {
        pauseTimer(box);
      }
      else if (target.closest && target.closest('button.quick-text')) {
        insertQuickText(target.closest('button.quick-text'));
      }
    });
    document.addEventListener('input', function (event) {
      // Minutes typed while the timer runs are the new base it adds to.
      var box = document.querySelector('[data-timer="' + event.target.id + '"]');
      if (box && event.target.id) {
        var timer = timerOf(box);
        timer.base = (parseInt(event.target.value, 10) || 0) - wholeMinutes(timer);
        keepTimer(box, timer);
      }
    });
    document.addEventListener('change', function (event) {
      if (event.target.id === 'log-activity') {
        showProgramsQuickText(document);
      }
    });
    document.addEventListener('htmx:load', function (event) {
      Array.prototype.forEach.call(event.detail.elt.querySelectorAll('[data-timer]'), function (box) {
        showTimer(box);
        if (timerOf(box).since !== null && ticking === null) {
          ticking = setInterval(tick, 1000);
        }
      });
      showProgramsQuickText(event.detail.elt);
    });
  }

  watchInteractionPanel();
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
