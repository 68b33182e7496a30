import { usePostgres } from './postgres';

// The `postgres` test project: every test file shares its worker's PostgreSQL server.
usePostgres();
