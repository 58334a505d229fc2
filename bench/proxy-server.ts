// The design the store does not use, for comparison: a streaming proxy (bucket → Node →
// client) with the app's own S3 client. A separate process, so its CPU time and memory can be
// read from /proc like the app's. Usage: node --import tsx bench/proxy-server.ts <port>
import { GetObjectCommand } from "@aws-sdk/client-s3";
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseEnv } from "../lib/env-schema";
import { createS3Client } from "../lib/storage/client";

const config = parseEnv(process.env);
const s3 = createS3Client(config);
const port = Number(process.argv[2]);

http
  .createServer(async (req, res) => {
    if (req.url === "/health") return void res.end("ok");
    try {
      const key = decodeURIComponent(new URL(req.url!, "http://proxy").pathname.slice(1));
      const object = await s3.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(object.ContentLength),
      });
      await pipeline(object.Body as Readable, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502).end((error as Error).name);
      else res.destroy();
    }
  })
  .listen(port, "127.0.0.1");
