/** The engine's version, recorded in every Plan. Bump it when a figure can change for the same input. */
export const ENGINE_VERSION = '0.1.0';
