// Stands in for the "server-only" marker package, which throws outside a React Server
// Components bundle; tests call server modules directly.
export {};
