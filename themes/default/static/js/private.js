// Opens a private page. The page holds its content sealed: encrypted under
// a content key, which is wrapped under the key of each reader allowed to
// open it (the person, their team's manager, L&D). The reader's key is in
// the link's fragment, "#k=...", which browsers never send to the host.
// This script unwraps the content key with it, decrypts the content with
// the browser's Web Crypto, puts it in place, and tells the page's other
// scripts (charts) that it is there. Nothing is fetched.
(function () {
  'use strict';
  var source = document.getElementById('sealed-page');
  var note = document.getElementById('sealed-note');
  if (!source || !note) {
    return;
  }

  // say replaces the note with a message for the reader.
  function say(title, text) {
    note.textContent = '';
    var h = document.createElement('h1');
    h.textContent = title;
    var p = document.createElement('p');
    p.textContent = text;
    note.appendChild(h);
    note.appendChild(p);
    note.className = 'wrap sealed sealed-failed';
  }

  function bytes(base64) {
    var s = atob(base64);
    var b = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) {
      b[i] = s.charCodeAt(i);
    }
    return b;
  }

  // key is the reader's key from the fragment: 32 bytes in unpadded
  // base64url, or null.
  function key() {
    var m = /(?:^#|&)k=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.hash);
    if (!m) {
      return null;
    }
    return bytes(m[1].replace(/-/g, '+').replace(/_/g, '/') + '=');
  }

  // address is the page's path below the site's root, as the build
  // sealed the page for it; root is the path of the site's root here.
  var address = source.getAttribute('data-url') || '';
  var path = location.pathname.replace(/index\.html$/, '');
  if (path.slice(-1) !== '/') {
    path += '/';
  }
  var root = path.slice(-address.length) === address ? path.slice(0, path.length - address.length) : '/';

  var text = new TextEncoder();
  var fragment = (/(?:^#|&)k=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.hash) || [])[1];

  // carryKey gives links to other private pages of the site the key this
  // one was opened with: a team's page opens its members' pages, L&D's
  // list every page. Links within the page scroll to their target without
  // changing the address, which would lose the key.
  function carryKey(main) {
    var links = document.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      if (href.charAt(0) === '#' && href.length > 1) {
        links[i].addEventListener('click', scrollTo);
        continue;
      }
      var u;
      try {
        u = new URL(href, location.href);
      } catch (e) {
        continue;
      }
      if (!u.hash && u.origin === location.origin && u.pathname.indexOf(root + 'private/') === 0 && main.contains(links[i])) {
        links[i].hash = 'k=' + fragment;
      }
    }
  }

  function scrollTo(event) {
    var target = document.getElementById(decodeURIComponent(this.getAttribute('href').slice(1)));
    if (target) {
      event.preventDefault();
      target.scrollIntoView();
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
      }
      target.focus({ preventScroll: true });
    }
  }
  var subtle = window.crypto && window.crypto.subtle;
  var k = key();
  if (!k) {
    say('This page is private', 'It opens only with the link you were given, which ends in #k= and a key. Open that link, or ask the L&D team for one.');
    return;
  }
  if (!subtle) {
    say('This page cannot be opened here', 'Private pages open only over HTTPS, or from this computer. Open the link with https:// at its start.');
    return;
  }
  var sealed;
  try {
    sealed = JSON.parse(source.textContent);
  } catch (e) {
    sealed = null;
  }
  if (!sealed || sealed.v !== 1 || !sealed.keys) {
    say('This page cannot be opened', 'It is not whole: build and publish the site again.');
    return;
  }

  function aes(raw) {
    return subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
  }

  // unwrap tries the reader's key on each wrapped content key in turn.
  function unwrap(readerKey, i) {
    if (i >= sealed.keys.length) {
      return Promise.reject(new Error('no key'));
    }
    var w = sealed.keys[i];
    return subtle.decrypt({ name: 'AES-GCM', iv: bytes(w.iv), additionalData: text.encode('portal v1 key\0' + address) }, readerKey, bytes(w.w))
      .catch(function () { return unwrap(readerKey, i + 1); });
  }

  var opened = false;
  aes(k)
    .then(function (readerKey) { return unwrap(readerKey, 0); })
    .then(function (contentKey) {
      opened = true;
      return aes(contentKey);
    })
    .then(function (contentKey) {
      return subtle.decrypt({ name: 'AES-GCM', iv: bytes(sealed.iv), additionalData: text.encode('portal v1 page\0' + address) }, contentKey, bytes(sealed.ct));
    })
    .then(function (plain) {
      // The title, a NUL, then the content of <main>.
      var content = new TextDecoder().decode(plain);
      var cut = content.indexOf('\0');
      var main = note.parentNode;
      main.innerHTML = content.slice(cut + 1);
      document.title = content.slice(0, cut);
      try {
        carryKey(main);
      } finally {
        document.dispatchEvent(new Event('portal:content'));
      }
    })
    .catch(function () {
      if (opened) {
        say('This page cannot be opened', 'Its content does not match its key: build and publish the site again.');
      } else {
        say('This link does not open this page', 'The key in the link is not one of this page\u2019s. Check that the whole link was copied, or ask the L&D team for a new one.');
      }
    });
})();
