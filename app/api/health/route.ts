// Liveness for load balancers and the test runner: public, reveals nothing, touches nothing.
export function GET() {
  return Response.json({ ok: true });
}
