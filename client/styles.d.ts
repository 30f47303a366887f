// Vite bundles the stylesheet that main.tsx imports for its effect; the type check only needs to know it exists.
declare module '*.css'
