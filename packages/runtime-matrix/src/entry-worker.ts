/** workerd: a Worker that runs the scenarios for `GET /?urls=<urls as JSON>` and answers the report. */
import { runScenarios, type Urls } from "./scenarios.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const urls = JSON.parse(new URL(request.url).searchParams.get("urls") ?? "null") as Urls;
    try {
      return Response.json(await runScenarios(urls));
    } catch (error) {
      return new Response(String((error as Error)?.stack ?? error), { status: 500 });
    }
  },
};
