// Live reload for portal serve. The server sends the build version and the
// build errors; the page reloads when a newer version is ready, and shows the
// errors over the page when the last build failed.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script.getAttribute('data-version');
  var base = script.getAttribute('data-base') || '/';
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'portal-errors';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
        'background:#2b0d0d;color:#ffe9e9;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;' +
        'padding:1rem 1.25rem;border-top:4px solid #ff5c5c;box-shadow:0 -4px 24px rgba(0,0,0,.4)';
      var title = document.createElement('strong');
      title.textContent = 'The site does not build. This page is the last good build.';
      var list = document.createElement('pre');
      list.style.cssText = 'margin:.5rem 0 0;white-space:pre-wrap';
      overlay.appendChild(title);
      overlay.appendChild(list);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = errors.join('\n');
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // The page's path tells the server which pages to render first.
  var events = new EventSource(base + '__portal/events?page=' + encodeURIComponent(location.pathname));
  events.onmessage = function (e) {
    var state = JSON.parse(e.data);
    if (state.errors && state.errors.length) {
      // A site that has never built: the page lists the errors itself,
      // and is fetched again when they change.
      var listed = document.querySelectorAll('#portal-not-built li');
      if (listed.length) {
        var now = Array.prototype.map.call(listed, function (li) { return li.textContent; }).join('\n');
        if (now !== state.errors.join('\n')) {
          location.reload();
        }
        return;
      }
      show(state.errors);
      return;
    }
    hide();
    if (String(state.version) !== version) {
      location.reload();
    }
  };
})();
