// Staff console: small progressive enhancements only; every page works without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Choosing an answer template fills the answer box (the server also accepts the
  // template id alone when the box is left empty).
  document.querySelectorAll("select.js-template").forEach(function (select) {
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var target = document.getElementById(select.dataset.target);
      if (target && option && option.dataset.body) {
        target.value = option.dataset.body;
      }
    });
  });
});
