#!/usr/bin/env node
// `npm run bench:api`: the Management API lines of `npm run bench` only (GetSubUsers, GetUsers,
// GetPhoneNumbers, GetCallHistory at 32 connections beside their /healthz reference), for quick
// checks: the same as BENCH_ONLY=api npm run bench, without the growth application's rows.
process.env.BENCH_ONLY = "api";
process.env.BENCH_PORT ??= "3201";
await import("./run.mjs");
