// Renders /api/openapi.json with ReDoc (loaded from this origin by /redoc). System fonts: nothing is fetched from elsewhere.
(function () {
  var sans = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  var mono = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
  window.Redoc.init(
    "/api/openapi.json",
    {
      expandResponses: "200,204",
      requiredPropsFirst: true,
      pathInMiddlePanel: true,
      theme: {
        colors: { primary: { main: "#1f4fd1" } },
        typography: { fontFamily: sans, headings: { fontFamily: sans }, code: { fontFamily: mono } },
      },
    },
    document.getElementById("redoc"),
  );
})();
