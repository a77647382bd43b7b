// Progressive enhancement of the petition form: photos are shrunk in the browser before upload, and a
// failed upload keeps everything typed (the page is not left). Without JavaScript the form posts as is.
(function () {
  "use strict";
  var form = document.getElementById("petition-form");
  if (!form || !window.fetch || !window.FormData || !document.createElement("canvas").toBlob) return;
  var MAX_SIDE = 1600;
  var note = document.getElementById("photo-note");
  if (note) note.hidden = false;
  var locate = document.getElementById("locate");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        form.elements.lat.value = pos.coords.latitude.toFixed(6);
        form.elements["long"].value = pos.coords.longitude.toFixed(6);
      });
    });
  }
  function shrink(file) {
    return new Promise(function (resolve) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return resolve(file);
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        if (scale === 1 && file.size < 1024 * 1024) return resolve(file);
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }) : file);
        }, "image/jpeg", 0.82);
      }, function () { resolve(file); });
    });
  }
  form.addEventListener("submit", function (event) {
    var input = form.elements.photos;
    if (!input || !input.files || !input.files.length) return; // nothing to shrink: post as usual
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (files) {
      var data = new FormData(form);
      data.delete("photos");
      files.forEach(function (f) { data.append("photos", f, f.name); });
      return fetch(form.action || window.location.href, { method: "POST", body: data, credentials: "same-origin" });
    }).then(function (response) {
      // The page the server answered with: the tracking code after a redirect (its one-time message
      // shown), or the form again with everything typed and the reason it was refused.
      return response.text().then(function (html) {
        if (response.redirected) window.history.replaceState(null, "", response.url);
        document.open(); document.write(html); document.close();
      });
    }).catch(function () {
      button.disabled = false;
      var p = document.createElement("p");
      p.className = "errorlist";
      p.setAttribute("role", "alert");
      p.textContent = form.getAttribute("data-offline") || "Không gửi được (mất kết nối). Nội dung vẫn được giữ; hãy thử lại.";
      form.insertBefore(p, form.firstChild);
    });
  });
})();
