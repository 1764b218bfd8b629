// Worker entry: the CLI runs TypeScript through tsx (see bin/passerelle.js); a worker thread has to register it too.
import { register } from "tsx/esm/api";

register();
await import("./label-trainer-worker.ts");
