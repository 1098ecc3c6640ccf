/* Enhancements for every page; the site works without them.
   - Font-size control (components/font-size-toggle.html): A− / A / A+ change the --dvk-font-scale
     token; the choice is remembered in localStorage ("dvk-co-chu") and applied on every page by the
     one-line script in base.html before the page is drawn.
   - Copy link (components/share-links.html): a button that copies the page address.
   - Share links without a public address (components/share-links.html, data-share-runtime): the
     links and the copy field get the address the page was opened at, then the section shows.
   - Menu (base.html): on phones the "Menu" link, which without a script opens the menu as the
     page's target, becomes a button that shows and hides it.
   - window.DvkFold(text): the site's one text folding for scripts (catalog.js, recindex.js), the same
     rule as dvk.model.text.fold: lower case, no diacritics, "đ" as "d". */
window.DvkFold = function (s) {
  return String(s).replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
};
(function () {
  "use strict";
  var KEY = "dvk-co-chu";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.5];
  var root = document.documentElement;

  function current() {
    var v = parseFloat(getComputedStyle(root).getPropertyValue("--dvk-font-scale"));
    return STEPS.indexOf(v) >= 0 ? v : 1;
  }
  function apply(scale, announce) {
    root.style.setProperty("--dvk-font-scale", String(scale));
    try {
      if (scale === 1) localStorage.removeItem(KEY); else localStorage.setItem(KEY, String(scale));
    } catch (e) { /* private browsing: the size still applies to this page */ }
    document.querySelectorAll("[data-font-size]").forEach(function (box) {
      box.querySelectorAll("[data-font-step]").forEach(function (b) {
        var step = b.getAttribute("data-font-step");
        b.setAttribute("aria-pressed", step === "0" ? String(scale === 1) : "false");
        if (step === "-1") b.disabled = scale === STEPS[0];
        if (step === "1") b.disabled = scale === STEPS[STEPS.length - 1];
      });
      var status = box.querySelector("[data-font-status]");
      if (status && announce) status.textContent = "Cỡ chữ " + Math.round(scale * 100) + "%";
    });
  }
  document.querySelectorAll("[data-font-size]").forEach(function (box) {
    box.hidden = false;
    box.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-font-step]");
      if (!b) return;
      var step = parseInt(b.getAttribute("data-font-step"), 10);
      var i = STEPS.indexOf(current());
      var next = step === 0 ? 1 : STEPS[Math.max(0, Math.min(STEPS.length - 1, i + step))];
      apply(next, true);
    });
  });
  if (document.querySelector("[data-font-size]")) apply(current(), false);

  var printAddress = document.querySelector("[data-print-address]");
  if (printAddress && !/^https?:/.test(printAddress.textContent) && /^https?:/.test(location.href)) {
    printAddress.textContent = location.origin + location.pathname;
  }

  var menuLink = document.querySelector("[data-menu-toggle]");
  var menu = document.getElementById("dieu-huong");
  if (menuLink && menu) {
    menuLink.setAttribute("role", "button");
    menuLink.setAttribute("aria-controls", "dieu-huong");
    menuLink.setAttribute("aria-expanded", "false");
    menuLink.addEventListener("click", function (ev) {
      ev.preventDefault();
      var open = menu.classList.toggle("site-nav--open");
      menuLink.setAttribute("aria-expanded", String(open));
    });
    menuLink.addEventListener("keydown", function (ev) {
      if (ev.key === " ") { ev.preventDefault(); menuLink.click(); }
    });
  }

  document.querySelectorAll("[data-share-runtime]").forEach(function (box) {
    var here = location.origin + location.pathname;
    if (!/^https?:/.test(here)) return;   // opened from a file: nothing another person could open
    box.querySelectorAll("a[data-share]").forEach(function (a) {
      a.href = a.getAttribute("data-share") + encodeURIComponent(here);
    });
    var field = box.querySelector("[data-copy-source]");
    if (field) field.value = here;
    box.hidden = false;
  });

  document.querySelectorAll("[data-copy-button]").forEach(function (button) {
    var box = button.parentNode;
    var source = box.querySelector("[data-copy-source]");
    var status = box.querySelector("[data-copy-status]");
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = "Đã sao chép liên kết.";
      }, function () {
        source.select();
        status.textContent = "Hãy nhấn Ctrl+C (hoặc giữ ngón tay trên liên kết) để sao chép.";
      });
    });
  });
})();
