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
					var m = /\/scan\?t=([A-Za-z0-9_-]{38})$/.exec(codes[i].rawValue);
					if (m && m[1] !== last) {
						sessionStorage.setItem('hc-last-code', m[1]);
						// data-scan: the page's own address (a site under a
						// path prefix has it there).
						location.href = (box.getAttribute('data-scan') || '/scan') + '?cam=1&t=' + m[1];
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
