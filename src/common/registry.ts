/**
 * Values registered by key at start-up, so that a shared folder can call into the domains that
 * registered them without importing one (deadline reminders, email-sent hooks).
 */
export class Registry<K extends string, V> {
  private readonly byKey = new Map<string, V>();

  register(key: K, value: V): void {
    this.byKey.set(key, value);
  }

  get(key: string): V | undefined {
    return this.byKey.get(key);
  }
}
