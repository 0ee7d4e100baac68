/** A plugin that cannot be loaded stops start-up with a message naming it. */
export class PluginLoadError extends Error {
  constructor(
    public pluginName: string,
    message: string
  ) {
    super(`Plugin "${pluginName}": ${message}`)
    this.name = 'PluginLoadError'
  }
}
