export function postgresSchema(sqlite: string): string;
