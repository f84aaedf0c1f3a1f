// offline.js - the gate phone when the server cannot be reached (issue 21).
// A card's code is a token signed with the site's Ed25519 key (lib/domain/
// token.h): kind 'C' | issued at (4) | nonce (4) | person (4) | card state at
// signing (1) | number's length (1) | number | name | signature (64), in
// base32. Before a code is sent, the server is asked whether it is there
// (/healthz); when it is not, this page checks the signature with the
// public key it was served (WebCrypto's Ed25519, or Debian's tweetnacl where
// the browser has none), then the code's age, and answers ALLOW (the card
// was green when the code was made) or DENY from what the code says. Each
// scan with a good signature is kept in localStorage and uploaded (POST
// /scan/offline, the page's CSRF token and the device's cookie) when the
// network returns; the server records it with the phone's scan time and
// flags what its own rules would have refused. A 403 means this device was
// revoked: its kept scans are dropped and it stops verifying offline.
(function () {
	var box = document.getElementById('offline');
	if (!box) return;
	var attr = function (k) { return box.getAttribute('data-' + k); };
	var green = +attr('green'), ttl = +attr('ttl'), skew = +attr('skew');
	var scanUrl = attr('scan'), store = 'hc-offline-' + attr('device');
	var pk = Uint8Array.from(atob(attr('key')), function (c) { return c.charCodeAt(0); });
	var texts = {};
	var lis = document.querySelectorAll('#offline-texts li');
	for (var i = 0; i < lis.length; i++) texts[lis[i].getAttribute('data-k')] = lis[i].textContent;
	box.hidden = false;

	// Ed25519: WebCrypto where the browser has it (a secure context); else
	// tweetnacl, fetched now while the server is there.
	var subtleKey = (window.crypto && crypto.subtle)
		? crypto.subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify'])
			.catch(function () { return null; })
		: Promise.resolve(null);
	subtleKey.then(function (k) {
		if (k || window.nacl) return;
		var s = document.createElement('script');
		s.src = attr('nacl');
		document.head.appendChild(s);
	});
	function verify(msg, sig) {
		return subtleKey.then(function (k) {
			if (k) return crypto.subtle.verify({ name: 'Ed25519' }, k, sig, msg);
			return !!(window.nacl && nacl.sign.detached.verify(msg, sig, pk));
		}).catch(function () { return false; });
	}

	// RFC 4648 base32 without padding, strict as the server's decoder.
	function unbase32(s) {
		var out = [], acc = 0, bits = 0;
		if (!/^[A-Z2-7]+$/.test(s) || [1, 3, 6].indexOf(s.length % 8) >= 0) return null;
		for (var i = 0; i < s.length; i++) {
			var c = s.charCodeAt(i);
			acc = ((acc << 5) | (c >= 65 ? c - 65 : c - 50 + 26)) & 0xffff;
			bits += 5;
			if (bits >= 8) { out.push((acc >> (bits - 8)) & 0xff); bits -= 8; }
		}
		if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return null;
		return new Uint8Array(out);
	}
	function u32(b, o) { return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3]; }

	// The verdict on a token as of `now` (Unix seconds).
	function judge(tok, now) {
		var b = unbase32(tok);
		if (!b || b.length < 9 + 6 + 64 || b[0] !== 67) return Promise.resolve({ reason: 'bad_code' });
		var n = b.length - 64;
		return verify(b.subarray(0, n), b.subarray(n)).then(function (ok) {
			if (!ok) return { reason: 'bad_code' };
			var nn = b[14], dec = new TextDecoder();
			var v = { issued: u32(b, 1), person: u32(b, 9), state: b[13],
				number: dec.decode(b.subarray(15, 15 + nn)), name: dec.decode(b.subarray(15 + nn, n)) };
			if (v.issued > now + skew || now - v.issued > ttl) v.reason = 'expired_code';
			else if (v.state !== green) v.reason = 'not_green';
			else v.reason = 'ok';
			return v;
		});
	}

	function kept() {
		try { return JSON.parse(localStorage.getItem(store) || '[]'); } catch (e) { return []; }
	}
	function keep(list) {
		localStorage.setItem(store, JSON.stringify(list));
		var p = document.getElementById('offline-pending');
		p.setAttribute('data-count', list.length);
		p.querySelector('strong').textContent = list.length;
	}

	function show(v) {
		var sec = document.getElementById('offline-result');
		var allow = v.reason === 'ok', again = v.reason === 'just_admitted';
		var result = allow ? 'allow' : again ? 'already' : 'deny';
		sec.className = 'scan scan-' + result;
		sec.setAttribute('data-result', result);
		sec.setAttribute('data-reason', v.reason);
		sec.setAttribute('data-offline', '1');
		sec.querySelector('.scan-icon').textContent = allow ? '\u2714' : again ? '\u2139' : '\u2716';
		sec.querySelector('.scan-word').textContent = texts[result];
		sec.querySelector('.scan-why').textContent = allow ? '' :
			texts[v.reason] + (v.reason === 'not_green' ? ' ' + (texts['state' + v.state] || '') : '');
		sec.querySelector('.offline-name').textContent = v.name || '';
		sec.querySelector('.offline-number').textContent = v.number || '';
		sec.querySelector('.scan-who').hidden = !v.person;
		sec.querySelector('.offline-mode').textContent = texts.mode;
		sec.hidden = false;
		sec.scrollIntoView();
	}

	// Is the server there? A small page, two seconds at most.
	function reachable() {
		var ctl = window.AbortController ? new AbortController() : null;
		var timer = setTimeout(function () { if (ctl) ctl.abort(); }, 2000);
		return fetch(attr('health') + '?n=' + Date.now(), { cache: 'no-store', signal: ctl && ctl.signal })
			.then(function (r) { clearTimeout(timer); return r.status < 500; },
				function () { clearTimeout(timer); return false; });
	}

	// The scanning page's CSRF token anew (the visitor's cookie changed
	// while the page stayed open).
	function freshCsrf() {
		return fetch(scanUrl, { credentials: 'same-origin', cache: 'no-store' })
			.then(function (r) { return r.text(); })
			.then(function (html) {
				var m = /data-csrf="([^"]+)"/.exec(html);
				if (m) box.setAttribute('data-csrf', m[1]);
			}, function () {});
	}

	var busy = false;
	function upload() {
		var list = kept();
		if (busy || !list.length || localStorage.getItem(store + '-revoked')) return Promise.resolve();
		busy = true;
		var item = list[0];
		var body = new URLSearchParams({ csrf: attr('csrf'), t: item.t, at: String(item.at) });
		return fetch(scanUrl + '/offline', { method: 'POST', body: body, credentials: 'same-origin' })
			.then(function (r) {
				return r.text().then(function (text) { return { status: r.status, text: text }; });
			})
			.then(function (r) {
				busy = false;
				if (r.status === 403 && r.text.indexOf('data-reason="unknown_device"') >= 0) {
					// Revoked at its next contact: nothing kept, no more offline.
					localStorage.setItem(store + '-revoked', '1');
					keep([]);
					return;
				}
				if (r.status === 403) return freshCsrf();  // a stale form token: kept, tried again
				if (r.status >= 500) return;
				keep(kept().filter(function (x) { return x.t !== item.t; }));
				return upload();
			}, function () { busy = false; });
	}

	// The one way a code is judged here: the camera (scan.js) and the
	// typed code both come through it.
	window.hcGateScan = function (text, fromCamera) {
		var m = /([A-Z2-7]{100,260})\s*$/.exec(String(text).trim());
		var tok = m ? m[1] : String(text).trim();
		return reachable().then(function (up) {
			if (up) {
				location.href = scanUrl + '?' + (fromCamera ? 'cam=1&' : '') + 't=' + encodeURIComponent(tok);
				return;
			}
			if (localStorage.getItem(store + '-revoked')) { show({ reason: 'revoked' }); return; }
			var now = Math.floor(Date.now() / 1000);
			return judge(tok, now).then(function (v) {
				if (v.reason !== 'bad_code' && v.reason !== 'expired_code') {
					var list = kept();
					// A code works once: shown again, it was just admitted.
					if (list.some(function (x) { return x.t === tok; })) v.reason = 'just_admitted';
					else list.push({ t: tok, at: now });
					keep(list);
				}
				show(v);
			});
		});
	};

	var form = document.getElementById('code-form');
	if (form) form.addEventListener('submit', function (e) {
		e.preventDefault();
		window.hcGateScan(document.getElementById('code-input').value, false);
	});
	keep(kept());
	window.addEventListener('online', upload);
	setInterval(upload, 5000);
	upload();
})();
