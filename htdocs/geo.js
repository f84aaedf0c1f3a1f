// geo.js - the check-in's optional position (issue 16): asked of the
// browser only when the student presses the button, then put in the
// form's hidden fields. Refused, unavailable or slow, the check-in goes
// on without it; no map service is called.
(function () {
	var ask = document.getElementById('geo-ask');
	if (!ask || !navigator.geolocation) return;
	var state = document.getElementById('geo-state');
	ask.hidden = false;
	ask.addEventListener('click', function () {
		state.textContent = ask.getAttribute('data-asking');
		navigator.geolocation.getCurrentPosition(function (p) {
			document.getElementById('geo-lat').value = p.coords.latitude.toFixed(6);
			document.getElementById('geo-lon').value = p.coords.longitude.toFixed(6);
			document.getElementById('geo-acc').value = Math.max(0.1, p.coords.accuracy).toFixed(1);
			state.textContent = ask.getAttribute('data-got').replace('{m}', Math.round(p.coords.accuracy));
		}, function () {
			state.textContent = ask.getAttribute('data-denied');
		}, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
	});
})();
