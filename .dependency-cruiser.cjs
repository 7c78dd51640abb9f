/**
 * Import rules checked by `npm run lint` (dependency-cruiser). The layers point one way: no module imports
 * itself back through others, and no lib/ folder reaches a folder that reaches it back.
 */
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module must not import itself back through other modules (lib/, db/, app/).",
      from: { path: "^(lib|db|app)/" },
      to: { circular: true },
    },
    {
      name: "no-circular-lib-folders",
      severity: "error",
      comment: "A lib/ folder must not depend on a folder that depends on it back: layers point one way.",
      scope: "folder",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|coverage|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
