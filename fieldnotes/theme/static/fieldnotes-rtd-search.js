// On Read the Docs, open its search add-on from the theme's search box. Included only in
// builds made there, and active only once the add-ons announce themselves, so a copy of the
// site served elsewhere keeps Sphinx's offline search.
document.addEventListener("readthedocs-addons-data-ready", function () {
  const show = function (event) {
    event.preventDefault();
    document.dispatchEvent(new CustomEvent("readthedocs-search-show"));
  };
  document.querySelectorAll("form.sidebar-search-container, form[role=search]").forEach(function (form) {
    form.addEventListener("submit", show);
    const input = form.querySelector("input");
    if (input) {
      input.addEventListener("focus", show);
    }
  });
});
