// Starts Swagger UI on /api/docs (served by the app: no inline script, no CDN).
window.addEventListener("load", function () {
  var holder = document.getElementById("swagger-ui-container");
  var config = JSON.parse(holder.getAttribute("data-config") || "{}");
  config.url = holder.getAttribute("data-spec-url");
  config.dom_id = "#swagger-ui-container";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
  config.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  config.layout = "BaseLayout";
  window.ui = SwaggerUIBundle(config);
});
