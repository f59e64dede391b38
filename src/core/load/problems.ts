// Problems live in util/ (settings and loaders both use them); kept here for the loaders' imports.
export * from '../util/problems';
