export { createMemoryObjectStore } from "./memory-object-store.ts";
