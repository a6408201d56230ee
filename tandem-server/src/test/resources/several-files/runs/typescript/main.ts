import { says } from "./util";
import { twice } from "./lib/deep";

console.log(says(), twice(21));
