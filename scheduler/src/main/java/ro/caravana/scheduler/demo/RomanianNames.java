package ro.caravana.scheduler.demo;

import java.util.List;

/**
 * Common Romanian given names and surnames. The demo combines them at random, so a generated
 * person is never a real one.
 */
final class RomanianNames {

  static final List<String> FEMALE = List.of(
      "Maria", "Elena", "Ioana", "Ana", "Andreea", "Mihaela", "Cristina", "Alexandra", "Gabriela", "Daniela",
      "Georgiana", "Florentina", "Nicoleta", "Simona", "Adriana", "Ramona", "Roxana", "Alina", "Larisa", "Bianca",
      "Denisa", "Iuliana", "Monica", "Raluca", "Loredana", "Claudia", "Mădălina", "Diana", "Irina", "Corina",
      "Camelia", "Anca", "Oana", "Petronela", "Valentina", "Lucia", "Viorica", "Aurelia", "Rodica", "Ecaterina",
      "Smaranda", "Teodora", "Sofia", "Antonia", "Daria", "Eva", "Sara", "Ilinca", "Bogdana", "Ștefania");

  static final List<String> MALE = List.of(
      "Ion", "Gheorghe", "Vasile", "Constantin", "Alexandru", "Andrei", "Mihai", "Ștefan", "Nicolae", "Dumitru",
      "Florin", "Cristian", "Adrian", "Daniel", "Marian", "Ionuț", "Gabriel", "Bogdan", "Cătălin", "Costel",
      "Răzvan", "Sorin", "Viorel", "Petru", "Lucian", "Marius", "Ciprian", "Iulian", "Valentin", "Sebastian",
      "Robert", "Cosmin", "Dragoș", "Emil", "Vlad", "Tudor", "Matei", "Luca", "David", "Rareș",
      "Eduard", "Octavian", "Aurel", "Toader", "Neculai", "Costică", "Paul", "Radu", "Victor", "Teodor");

  static final List<String> SURNAMES = List.of(
      "Popa", "Popescu", "Ionescu", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
      "Ciobanu", "Rusu", "Munteanu", "Lungu", "Constantin", "Moldovan", "Florea", "Ursu", "Dobre", "Barbu",
      "Nistor", "Tudor", "Mocanu", "Toma", "Sandu", "Ene", "Cozma", "Zaharia", "Avram", "Apostol",
      "Bălan", "Ciubotaru", "Cojocaru", "Grigore", "Lazăr", "Manole", "Nechita", "Paraschiv", "Răileanu", "Sârbu",
      "Ungureanu", "Vasilache", "Agache", "Bejan", "Chiriac", "Dascălu", "Enache", "Filip", "Ghiță", "Hanganu",
      "Iordache", "Jitaru", "Leonte", "Mihăilă", "Năstase", "Onofrei", "Pădureanu", "Romaniuc", "Sava", "Țăranu",
      "Vrânceanu", "Zamfir", "Bucur", "Costache", "Diaconu", "Frunză", "Gavrilă", "Huțanu", "Irimia", "Luca",
      "Marin", "Neagu", "Olaru", "Pavel", "Roman", "Surdu", "Tănase", "Voicu", "Anghel", "Buzatu");

  private RomanianNames() {}
}
