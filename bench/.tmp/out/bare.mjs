import { createRequire as __dwqCreateRequire } from 'node:module'; const require = __dwqCreateRequire(import.meta.url);
var s=async()=>({statusCode:202});export{s as handler};
