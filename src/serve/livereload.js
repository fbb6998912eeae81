// touming serve: reload this page when it is rebuilt. Served only by `touming serve`
// (at /__touming/livereload.js); never part of a built site.
(function () {
  "use strict";
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__touming/ws";
  var connected = false;
  function connect() {
    var ws = new WebSocket(url);
    ws.onopen = function () {
      if (connected) {
        location.reload(); // the server restarted: the page may have changed meanwhile
        return;
      }
      connected = true;
      ws.send(location.pathname);
    };
    ws.onmessage = function (e) {
      if (e.data === "reload") location.reload();
    };
    ws.onclose = function () {
      setTimeout(connect, 1000);
    };
  }
  connect();
  var overlay = document.getElementById("touming-overlay");
  var close = overlay && overlay.querySelector("button");
  if (close) close.addEventListener("click", function () { overlay.hidden = true; });
})();
