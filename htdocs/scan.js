// scan.js - continuous scanning on the gate phone, where the browser has
// BarcodeDetector and a camera (HTTPS or localhost). Each card code found
// opens its answer page, which comes back here after a few seconds. The
// same code is never sent twice: a second read of a card still in front of
// the camera must not turn into "code already used".
(function () {
	var box = document.getElementById('camera');
	var video = document.getElementById('camera-video');
	var status = document.getElementById('camera-status');
	if (!box || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
	var last = sessionStorage.getItem('hc-last-code') || '';
	var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
	box.hidden = false;
	navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
		.then(function (stream) {
			video.srcObject = stream;
			return video.play();
		})
		.then(function tick() {
			detector.detect(video).then(function (codes) {
				for (var i = 0; i < codes.length; i++) {
					// A card's code, or a building pass (at an entrance).
					var m = /\/scan(\/pass)?\?t=([A-Z2-7]{100,260})$/.exec(codes[i].rawValue);
					if (m && m[2] !== last) {
						sessionStorage.setItem('hc-last-code', m[2]);
						// A gate phone that may verify offline (offline.js)
						// asks the server first, and judges alone without it.
						if (!m[1] && window.hcGateScan) {
							last = m[2];
							window.hcGateScan(m[2], true).then(function () { setTimeout(tick, 1500); });
							return;
						}
						// data-scan: the page's own address (a site under a
						// path prefix has it there).
						location.href = (box.getAttribute('data-scan') || '/scan') + (m[1] || '') + '?cam=1&t=' + m[2];
						return;
					}
				}
				setTimeout(tick, 200);
			}, function () { setTimeout(tick, 500); });
		})
		.catch(function (e) {
			status.textContent = String(e && e.name || e);
		});
})();
