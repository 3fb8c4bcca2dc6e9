// A keep-alive loopback server in its own process (so it does not share the client's event loop): the repository's
// quota-enforcing server with the bench's payloads. Usage: node server.mjs [windowsJson]. Prints its port; with
// windows, enforces them on mutations like Statsig documents (sliding log, rejected attempts count too).
import { startQuotaServer } from "@org/statsig-console-test-support/quota-server";

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
let accepted = 0;

const server = await startQuotaServer(windows ?? [], {
  answer(res, status, req) {
    res.writeHead(status === 201 ? 200 : status, { "content-type": "application/json" });
    if (req.url === "/__stats") return res.end(JSON.stringify({ rejected: server.rejected(), accepted }));
    if (status === 200) return res.end(list);
    if (status === 429) return res.end('{"status":429,"message":"Too many requests"}');
    accepted++;
    // 200, not the 201 today's API sends: statsig@0.0.2 throws SDKError on a 201.
    res.end(created);
  },
});
console.log(new URL(server.url).port);
process.on("SIGTERM", () => server.close().then(() => process.exit(0)));
