// The WBS model: format, validation, dependency graph, waves and instructions.
export * from "./wbs-schema";
export * from "./package-id";
export * from "./output-path";
export * from "./dependency-graph";
export * from "./waves";
export * from "./validate-wbs";
export * from "./parse-wbs";
export * from "./render-instructions";
