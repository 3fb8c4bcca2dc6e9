// A keep-alive loopback server in its own process (so it does not share the client's event loop).
// Usage: node server.mjs [windowsJson]. Prints its port; with windows, enforces them on mutations
// like Statsig documents (sliding log, rejected attempts count too) and answers 429 when full.
import { createServer } from "node:http";

const windows = process.argv[2] ? JSON.parse(process.argv[2]) : undefined;
const gate = {
  id: "a_gate",
  name: "A Gate",
  description: "description",
  idType: "userID",
  lastModifierID: "4R5PV7mvYdW6NLCwK8ocoz",
  lastModifiedTime: 1705439406750,
  lastModifierName: "CONSOLE API",
  lastModifierEmail: null,
  creatorID: "4R5PV7mvYdW6NLCwK8ocoz",
  createdTime: 1705439406615,
  creatorName: "CONSOLE API",
  creatorEmail: null,
  targetApps: [],
  holdoutIDs: [],
  tags: [],
  isEnabled: true,
  status: "In Progress",
  rules: [],
  checksPerHour: 0,
  type: "PERMANENT",
  typeReason: "NONE",
  team: null,
  reviewSettings: { requiredReview: false, allowedReviewers: [] },
  measureMetricLifts: true,
  owner: { ownerID: "user123", ownerName: "CONSOLE API", ownerType: "SDK_KEY", ownerEmail: "" },
  monitoringMetrics: [],
  version: 1,
};
// nextPage/previousPage are strings: statsig@0.0.2 rejects the null the real API sends on a last page.
const list = JSON.stringify({
  message: "Gates listed successfully.",
  data: [gate],
  pagination: { itemsPerPage: 100, pageNumber: 1, nextPage: "", previousPage: "", totalItems: 1, all: "" },
});
const created = JSON.stringify({ message: "Gate created successfully.", data: gate });
const log = [];
let rejected = 0;
let accepted = 0;

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.url === "/__stats") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ rejected, accepted }));
    }
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(list);
    }
    if (windows) {
      const now = Date.now();
      const full = windows.some((w) => log.filter((t) => t > now - w.intervalMs).length >= w.limit);
      log.push(now);
      if (full) {
        rejected++;
        res.writeHead(429, { "content-type": "application/json" });
        return res.end('{"status":429,"message":"Too many requests"}');
      }
    }
    accepted++;
    // 200, not the 201 today's API sends: statsig@0.0.2 throws SDKError on a 201.
    res.writeHead(200, { "content-type": "application/json" });
    res.end(created);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
